# Written by hand.
#
# 0008 declared the click KPI indexes with `include=` (covering indexes). Only PostgreSQL
# has them; on any other database Django built plain indexes and `check` warned about the
# model (models.W040). The model's Meta now declares plain indexes under the same names,
# and this migration:
#   - in the migration state, swaps the covering declarations for the plain ones, so the
#     state matches Meta (and `makemigrations --check` stays clean);
#   - in the database, leaves the indexes 0008 built alone (on PostgreSQL they already
#     cover their columns, which the KPI queries rely on), and creates any that is missing:
#     covering on PostgreSQL, plain elsewhere. Nothing is dropped or rebuilt.

from django.db import migrations, models


class EnsureIndex(migrations.operations.base.Operation):
    """Create an index, covering on PostgreSQL and plain elsewhere, unless it exists.

    Database only: it changes nothing in the migration state. Backwards it does nothing,
    since the index belongs to 0008, whose reversal removes it.
    """

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name, name, fields, include):
        self.model_name = model_name
        self.name = name
        self.fields = list(fields)
        self.include = list(include)

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        connection = schema_editor.connection
        if not self.allow_migrate_model(connection.alias, model):
            return
        with connection.cursor() as cursor:
            existing = connection.introspection.get_constraints(cursor, model._meta.db_table)
        if self.name in existing:
            return
        include = self.include if connection.vendor == "postgresql" else []
        schema_editor.add_index(
            model, models.Index(fields=self.fields, include=include, name=self.name)
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Make sure index {self.name} exists (covering on PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return f"ensure_{self.name.lower()}"


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_advocacy', '0008_kpi_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                EnsureIndex(
                    'linkclick',
                    'advocacy_click_link_time_u',
                    fields=['link', 'clicked_at'],
                    include=['is_unique'],
                ),
                EnsureIndex(
                    'linkclick',
                    'advocacy_click_time_cover',
                    fields=['clicked_at'],
                    include=['link', 'is_unique'],
                ),
            ],
            state_operations=[
                migrations.RemoveIndex(
                    model_name='linkclick',
                    name='advocacy_click_link_time_u',
                ),
                migrations.RemoveIndex(
                    model_name='linkclick',
                    name='advocacy_click_time_cover',
                ),
                migrations.AddIndex(
                    model_name='linkclick',
                    index=models.Index(fields=['link', 'clicked_at'], name='advocacy_click_link_time_u'),
                ),
                migrations.AddIndex(
                    model_name='linkclick',
                    index=models.Index(fields=['clicked_at'], name='advocacy_click_time_cover'),
                ),
            ],
        ),
    ]
