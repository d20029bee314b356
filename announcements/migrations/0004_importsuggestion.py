
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def grant_editors(apps, schema_editor):
    # Editors see the suggestions too (announcements.roles.CONTENT_MODELS).
    from announcements.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('announcements', '0003_editorial_roles'),
        ('indicators', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportSuggestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('figure', 'Figure'), ('action', 'Action')], max_length=10, verbose_name='kind')),
                ('position', models.PositiveSmallIntegerField(help_text='Order in the text, from 1.', verbose_name='position')),
                ('data', models.JSONField(default=dict, verbose_name='suggested values')),
                ('accepted', models.BooleanField(default=False, verbose_name='accepted')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='accepted at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='accepted by')),
                ('announcement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='import_suggestions', to='announcements.announcement', verbose_name='announcement')),
            ],
            options={
                'verbose_name': 'import suggestion',
                'verbose_name_plural': 'import suggestions',
                'ordering': ['announcement', 'kind', 'position'],
                'constraints': [models.UniqueConstraint(fields=('announcement', 'kind', 'position'), name='importsuggestion_unique_position', violation_error_message='This text already has a suggestion at this position.'), models.CheckConstraint(condition=models.Q(('kind__in', ['figure', 'action'])), name='importsuggestion_kind_valid'), models.CheckConstraint(condition=models.Q(('position__gte', 1)), name='importsuggestion_position_positive'), models.CheckConstraint(condition=models.Q(('accepted', False), ('accepted_at__isnull', False), _connector='OR'), name='importsuggestion_accepted_has_date', violation_error_message='An accepted suggestion needs a date.')],
            },
        ),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
    ]
