"""`cchc import KIND FILE` also loads the report-data kinds, through the report-data importer."""

import pytest
from django.core.management import CommandError, call_command

from cchc.reform.models import DirectiveDocument

HEADER = "unit_code,year,quarter,area,doc_type,number,date,issuer,summary\r\n"


def test_import_command_loads_report_data_kinds(cast, tmp_path, capsys):
    path = tmp_path / "docs.csv"
    path.write_text(HEADER + "gio-linh,2023,3,1,Công văn,1033/UBND-NC,12/07/2023,UBND huyện Gio Linh,hướng dẫn\r\n")
    call_command("import", "documents", str(path))
    doc = DirectiveDocument.objects.get()
    assert (doc.number, doc.period.unit.code, doc.period.quarter) == ("1033/UBND-NC", "gio-linh", 3)


def test_a_bad_report_data_file_is_rejected_whole(cast, tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text(
        HEADER
        + "gio-linh,2023,3,1,Công văn,1033/UBND-NC,12/07/2023,UBND huyện Gio Linh,hướng dẫn\r\n"
        + "no-such-unit,2023,3,1,Công văn,1/UBND,12/07/2023,UBND,x\r\n"
    )
    with pytest.raises(CommandError):
        call_command("import", "documents", str(path))
    assert not DirectiveDocument.objects.exists()
