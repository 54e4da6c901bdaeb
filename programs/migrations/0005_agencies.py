"""Agencies own plans, partners and news; the plan's printed agency names move onto the agency;
plans get an approved step, a predecessor and a note on their targets."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.bounds


def _agency_for(Agency, cache, *, printed, parent, abbreviation, place):
    key = (printed.strip(), parent.strip())
    if key in cache:
        return cache[key]
    n = Agency.objects.count()
    # Letters only, unique: NSCL for the first agency, then NSCL-B, NSCL-C, ...
    prefix = "NSCL" if n == 0 else f"NSCL-{chr(ord('A') + n % 26)}{chr(ord('A') + n // 26) if n >= 26 else ''}"
    agency = Agency.objects.create(
        code=f"agency-{n + 1}",
        name=" ".join(filter(None, [key[0].capitalize(), place])) or "Sở Khoa học và Công nghệ",
        printed_name=key[0] or "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        parent_name=key[1],
        abbreviation=abbreviation,
        place_name=place,
        code_prefix=prefix,
    )
    cache[key] = agency
    return agency


def fill_agencies(apps, schema_editor):
    """Each distinct printed agency of the existing plans becomes an agency; partners, news and
    courses without a plan go to the first agency (created only when such rows exist)."""
    Agency = apps.get_model("programs", "Agency")
    Plan = apps.get_model("programs", "Plan")
    PartnerOrganisation = apps.get_model("programs", "PartnerOrganisation")
    NewsPost = apps.get_model("programs", "NewsPost")
    cache = {}
    for plan in Plan.objects.order_by("pk"):
        plan.agency = _agency_for(
            Agency,
            cache,
            printed=plan.agency_printed,
            parent=plan.parent_agency,
            abbreviation=plan.agency_abbreviation,
            place=plan.report_place or plan.province_name,
        )
        plan.save(update_fields=["agency"])
    for post in NewsPost.objects.filter(agency__isnull=True, plan__isnull=False).select_related("plan"):
        post.agency_id = post.plan.agency_id
        post.save(update_fields=["agency"])
    if PartnerOrganisation.objects.filter(agency__isnull=True).exists() or NewsPost.objects.filter(
        agency__isnull=True
    ).exists():
        first = Agency.objects.order_by("pk").first() or _agency_for(
            Agency, cache, printed="SỞ KHOA HỌC VÀ CÔNG NGHỆ", parent="", abbreviation="SKHCN", place=""
        )
        PartnerOrganisation.objects.filter(agency__isnull=True).update(agency=first)
        NewsPost.objects.filter(agency__isnull=True).update(agency=first)


STATUS_CHOICES = [("draft", "Draft"), ("approved", "Approved"), ("active", "In force"), ("closed", "Closed")]


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0003_sane_bounds"),
        ("programs", "0004_sane_bounds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Agency",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(unique=True, verbose_name="code")),
                (
                    "name",
                    models.CharField(
                        help_text="For example: Sở Khoa học và Công nghệ thành phố Đà Nẵng.",
                        max_length=255,
                        validators=[core.bounds.VisibleText()],
                        verbose_name="name",
                    ),
                ),
                (
                    "printed_name",
                    models.CharField(
                        help_text="For example: SỞ KHOA HỌC VÀ CÔNG NGHỆ.",
                        max_length=255,
                        validators=[core.bounds.VisibleText()],
                        verbose_name="name as printed on documents",
                    ),
                ),
                (
                    "parent_name",
                    models.CharField(
                        help_text="For example: UBND THÀNH PHỐ ĐÀ NẴNG.",
                        max_length=255,
                        verbose_name="parent body as printed on documents",
                    ),
                ),
                (
                    "abbreviation",
                    models.CharField(
                        blank=True, help_text="For example: SKHCN.", max_length=30, verbose_name="abbreviation"
                    ),
                ),
                (
                    "place_name",
                    models.CharField(
                        help_text="For example: Đà Nẵng (“Đà Nẵng, ngày …”).",
                        max_length=100,
                        verbose_name="place named on documents",
                    ),
                ),
                (
                    "code_prefix",
                    models.CharField(
                        help_text="Application codes are the prefix, the year and a number: NSCL-DNG-2026-0001.",
                        max_length=20,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]+(-[A-Z]+)*$",
                                "Use capital letters, optionally in groups joined by hyphens (for example NSCL-DNG).",
                            )
                        ],
                        verbose_name="reference-code prefix",
                    ),
                ),
                (
                    "data_year_start_month",
                    models.PositiveSmallIntegerField(
                        default=12,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(12),
                        ],
                        verbose_name="data year starts: month",
                    ),
                ),
                (
                    "data_year_start_day",
                    models.PositiveSmallIntegerField(
                        default=15,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(31),
                        ],
                        verbose_name="data year starts: day",
                    ),
                ),
                (
                    "valid_from",
                    models.DateField(
                        blank=True, null=True, validators=[core.bounds.DateBounds()], verbose_name="in operation from"
                    ),
                ),
                (
                    "valid_to",
                    models.DateField(
                        blank=True, null=True, validators=[core.bounds.DateBounds()], verbose_name="in operation until"
                    ),
                ),
                (
                    "members",
                    models.ManyToManyField(
                        blank=True, related_name="agencies", to=settings.AUTH_USER_MODEL, verbose_name="internal users"
                    ),
                ),
                (
                    "predecessor",
                    models.ForeignKey(
                        blank=True,
                        help_text="The agency this one took over; its records are worked on by this agency's users.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="successors",
                        to="programs.agency",
                        verbose_name="predecessor agency",
                    ),
                ),
            ],
            options={
                "verbose_name": "agency",
                "verbose_name_plural": "agencies",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_from__isnull", True),
                            ("valid_to__isnull", True),
                            ("valid_to__gte", models.F("valid_from")),
                            _connector="OR",
                        ),
                        name="agency_valid_order",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="AgencyArea",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "valid_from",
                    models.DateField(
                        blank=True, null=True, validators=[core.bounds.DateBounds()], verbose_name="valid from"
                    ),
                ),
                (
                    "valid_to",
                    models.DateField(
                        blank=True, null=True, validators=[core.bounds.DateBounds()], verbose_name="valid to"
                    ),
                ),
                ("basis", models.CharField(blank=True, max_length=255, verbose_name="legal basis")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="areas", to="programs.agency"
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="enterprises.administrativeunit",
                        verbose_name="administrative unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "agency area",
                "verbose_name_plural": "agency areas",
                "ordering": ["agency", "valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_from__isnull", True),
                            ("valid_to__isnull", True),
                            ("valid_to__gte", models.F("valid_from")),
                            _connector="OR",
                        ),
                        name="agency_area_valid_order",
                    )
                ],
            },
        ),
        # The printed names move onto the agency: keep the old text while the rows are filled.
        migrations.RenameField("plan", "agency", "agency_printed"),
        migrations.RenameField("historicalplan", "agency", "agency_printed"),
        migrations.AddField(
            model_name="plan",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="programs.agency",
                verbose_name="managing agency",
            ),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="programs.agency",
                verbose_name="managing agency",
            ),
        ),
        migrations.AddField(
            model_name="partnerorganisation",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="partner_organisations",
                to="programs.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddField(
            model_name="newspost",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="news",
                to="programs.agency",
                verbose_name="agency",
            ),
        ),
        migrations.RunPython(fill_agencies, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="plan",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="programs.agency",
                verbose_name="managing agency",
            ),
        ),
        migrations.AlterField(
            model_name="partnerorganisation",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="partner_organisations",
                to="programs.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AlterField(
            model_name="newspost",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="news",
                to="programs.agency",
                verbose_name="agency",
            ),
        ),
        *[
            migrations.RemoveField(model_name=model, name=name)
            for model in ("plan", "historicalplan")
            for name in ("agency_printed", "parent_agency", "agency_abbreviation", "report_place", "province")
        ],
        migrations.AlterField(
            model_name="partnerorganisation",
            name="name",
            field=models.CharField(max_length=255, verbose_name="name"),
        ),
        migrations.AddConstraint(
            model_name="partnerorganisation",
            constraint=models.UniqueConstraint(fields=("agency", "name"), name="partner_organisation_name_unique"),
        ),
        migrations.AddField(
            model_name="plan",
            name="predecessor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="successors",
                to="programs.plan",
                verbose_name="previous plan",
            ),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="predecessor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="programs.plan",
                verbose_name="previous plan",
            ),
        ),
        *[
            migrations.AddField(
                model_name=model,
                name="targets_note",
                field=models.CharField(
                    blank=True,
                    help_text="Shown with the targets, for example when they are not yet an official decision.",
                    max_length=500,
                    verbose_name="note on the targets",
                ),
            )
            for model in ("plan", "historicalplan")
        ],
        *[
            migrations.AlterField(
                model_name=model,
                name="status",
                field=models.CharField(choices=STATUS_CHOICES, default="draft", max_length=10, verbose_name="status"),
            )
            for model in ("plan", "historicalplan")
        ],
    ]
