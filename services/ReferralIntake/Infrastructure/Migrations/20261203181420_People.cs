using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SocialPrescribing.ReferralIntake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class People : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "person_reference",
                table: "referrals",
                newName: "person_id");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<Guid>(
                name: "case_id",
                table: "referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "closed_outcome",
                table: "referrals",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    given_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    family_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    postcode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    nhs_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    preferred_contact = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    search_name = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: false),
                    gp_consent_withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    provider_consent_withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    fields = table.Column<string>(type: "jsonb", nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_id = table.Column<Guid>(type: "uuid", nullable: false),
                    moved_referral_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    also_moved_person_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    merged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    undone_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_merges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_searches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    terms = table.Column<string>(type: "jsonb", nullable: false),
                    found_person_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_searches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_case_id",
                table: "referrals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_person_id",
                table: "referrals",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_date_of_birth",
                table: "people",
                column: "date_of_birth");

            migrationBuilder.CreateIndex(
                name: "ix_people_nhs_number",
                table: "people",
                column: "nhs_number");

            migrationBuilder.CreateIndex(
                name: "ix_people_person_key",
                table: "people",
                column: "person_key");

            migrationBuilder.CreateIndex(
                name: "ix_people_postcode",
                table: "people",
                column: "postcode");

            migrationBuilder.CreateIndex(
                name: "ix_people_search_name",
                table: "people",
                column: "search_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_person_changes_person_id_at",
                table: "person_changes",
                columns: new[] { "person_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_merged_id",
                table: "person_merges",
                column: "merged_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_survivor_id",
                table: "person_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_searches_at",
                table: "person_searches",
                column: "at");

            // Referrals made before people existed: one person per name, date of birth and postcode (their
            // latest details), and every such referral points at them.
            migrationBuilder.Sql("""
                INSERT INTO people (id, given_name, family_name, date_of_birth, postcode, phone, email, nhs_number, preferred_contact,
                                    person_key, search_name, gp_consent_withdrawn, provider_consent_withdrawn, created_at, updated_at)
                SELECT DISTINCT ON (person_key) person_id, given_name, family_name, date_of_birth, postcode, phone, email, nhs_number, preferred_contact,
                       person_key, lower(given_name || ' ' || family_name), false, false, submitted_at, submitted_at
                FROM referrals ORDER BY person_key, submitted_at DESC;
                UPDATE referrals r SET person_id = p.id FROM people p WHERE p.person_key = r.person_key AND r.person_id <> p.id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "person_changes");

            migrationBuilder.DropTable(
                name: "person_merges");

            migrationBuilder.DropTable(
                name: "person_searches");

            migrationBuilder.DropIndex(
                name: "ix_referrals_case_id",
                table: "referrals");

            migrationBuilder.DropIndex(
                name: "ix_referrals_person_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "case_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "closed_outcome",
                table: "referrals");

            migrationBuilder.RenameColumn(
                name: "person_id",
                table: "referrals",
                newName: "person_reference");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
