"""The interface is Vietnamese whatever the browser asks for, and English once the user switches to it."""

from django.urls import reverse


def test_the_interface_is_vietnamese_even_for_an_english_browser(client, cast):
    client.force_login(cast.desk_a)
    response = client.get(reverse("web:worklist"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    html = response.content.decode()
    assert 'lang="vi"' in html and "Hồ sơ cần xử lý" in html and "Work list" not in html


def test_the_language_switch_turns_the_interface_english(client, cast):
    client.force_login(cast.desk_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("web:worklist"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Content-Language"] == "en"
    assert "Work list" in response.content.decode()
