# Notices to applicants (issue 8, point 7).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('dossiers', '0007_portal'),
        ('feedback', '0002_portal'),
    ]

    operations = [
        migrations.CreateModel(
            name='Notice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('received', 'Dossier received'), ('supplement_requested', 'Supplement requested'), ('result_ready', 'Result ready'), ('refused', 'Refused with reasons'), ('returned', 'Returned unprocessed'), ('apology', 'Apology with a new appointment'), ('feedback_answered', 'Feedback answered')], max_length=32, verbose_name='kind')),
                ('channel', models.CharField(choices=[('email', 'E-mail'), ('sms', 'SMS')], max_length=8, verbose_name='channel')),
                ('recipient', models.CharField(max_length=254, verbose_name='recipient')),
                ('subject', models.CharField(blank=True, max_length=300, verbose_name='subject')),
                ('body', models.TextField(verbose_name='text')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='queued', max_length=16, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('created_at', models.DateTimeField(db_index=True, verbose_name='created at')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                ('next_attempt_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='next attempt at')),
                ('dossier', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notices', to='dossiers.dossier', verbose_name='dossier')),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notices', to='dossiers.dossierevent')),
                ('feedback', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notices', to='feedback.feedback', verbose_name='feedback')),
            ],
            options={
                'verbose_name': 'notice',
                'verbose_name_plural': 'notices',
                'ordering': ['created_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('event', 'channel'), name='notice_event_channel_unique'), models.UniqueConstraint(condition=models.Q(('event__isnull', True), ('feedback__isnull', False)), fields=('feedback', 'kind', 'channel'), name='notice_feedback_kind_channel_unique')],
            },
        ),
    ]
