using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OrukModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "postcode",
                table: "services");

            migrationBuilder.AddColumn<Guid>(
                name: "parent_id",
                table: "taxonomy_terms",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "term_uri",
                table: "taxonomy_terms",
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "description",
                table: "services",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "accreditations",
                table: "services",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "alert",
                table: "services",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "assured_date",
                table: "services",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "assurer_email",
                table: "services",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "services",
                type: "tsvector",
                nullable: false)
                .Annotation("Npgsql:TsVectorConfig", "english")
                .Annotation("Npgsql:TsVectorProperties", new[] { "name", "description" });

            // ORUK requires an organisation's description.
            migrationBuilder.Sql("UPDATE organizations SET description = '' WHERE description IS NULL");

            migrationBuilder.AlterColumn<string>(
                name: "description",
                table: "organizations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "uri",
                table: "organizations",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "attributes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    taxonomy_term_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attributes", x => x.id);
                    table.ForeignKey(
                        name: "fk_attributes_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_attributes_taxonomy_terms_taxonomy_term_id",
                        column: x => x.taxonomy_term_id,
                        principalTable: "taxonomy_terms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_contacts_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cost_options",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    option = table.Column<string>(type: "text", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                    amount_description = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cost_options", x => x.id);
                    table.ForeignKey(
                        name: "fk_cost_options_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "languages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_languages", x => x.id);
                    table.ForeignKey(
                        name: "fk_languages_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "locations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    location_type = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_locations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "schedules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    freq = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    interval = table.Column<int>(type: "integer", nullable: false),
                    by_day = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    opens_at = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    closes_at = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    attending_type = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schedules", x => x.id);
                    table.ForeignKey(
                        name: "fk_schedules_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_areas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    extent = table.Column<string>(type: "text", nullable: true),
                    extent_type = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_areas", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_areas_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "phones",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phones", x => x.id);
                    table.ForeignKey(
                        name: "fk_phones_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accessibility",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accessibility", x => x.id);
                    table.ForeignKey(
                        name: "fk_accessibility_locations_location_id",
                        column: x => x.location_id,
                        principalTable: "locations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "addresses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    address1 = table.Column<string>(type: "text", nullable: false),
                    city = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "text", nullable: true),
                    state_province = table.Column<string>(type: "text", nullable: false),
                    postal_code = table.Column<string>(type: "text", nullable: false),
                    country = table.Column<string>(type: "text", nullable: false),
                    address_type = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_addresses", x => x.id);
                    table.ForeignKey(
                        name: "fk_addresses_locations_location_id",
                        column: x => x.location_id,
                        principalTable: "locations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_at_locations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_at_locations", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_at_locations_locations_location_id",
                        column: x => x.location_id,
                        principalTable: "locations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_service_at_locations_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_taxonomy_terms_taxonomy_id",
                table: "taxonomy_terms",
                column: "taxonomy_id");

            migrationBuilder.CreateIndex(
                name: "ix_services_search_vector",
                table: "services",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_services_status",
                table: "services",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_accessibility_location_id",
                table: "accessibility",
                column: "location_id");

            migrationBuilder.CreateIndex(
                name: "ix_addresses_location_id",
                table: "addresses",
                column: "location_id");

            migrationBuilder.CreateIndex(
                name: "ix_attributes_service_id",
                table: "attributes",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_attributes_taxonomy_term_id_service_id",
                table: "attributes",
                columns: new[] { "taxonomy_term_id", "service_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_service_id",
                table: "contacts",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_cost_options_service_id",
                table: "cost_options",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_languages_service_id",
                table: "languages",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_locations_latitude_longitude",
                table: "locations",
                columns: new[] { "latitude", "longitude" });

            migrationBuilder.CreateIndex(
                name: "ix_phones_contact_id",
                table: "phones",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_schedules_service_id",
                table: "schedules",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_areas_service_id",
                table: "service_areas",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_at_locations_location_id",
                table: "service_at_locations",
                column: "location_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_at_locations_service_id",
                table: "service_at_locations",
                column: "service_id");

            migrationBuilder.AddForeignKey(
                name: "fk_taxonomy_terms_taxonomies_taxonomy_id",
                table: "taxonomy_terms",
                column: "taxonomy_id",
                principalTable: "taxonomies",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            // Needs a service meets move from an id array to ORUK attributes: nothing is lost.
            migrationBuilder.Sql(
                "INSERT INTO attributes (id, service_id, taxonomy_term_id) " +
                "SELECT gen_random_uuid(), s.id, t.id FROM services s CROSS JOIN LATERAL unnest(s.taxonomy_term_ids) AS term(id) " +
                "JOIN taxonomy_terms t ON t.id = term.id");

            migrationBuilder.DropColumn(
                name: "taxonomy_term_ids",
                table: "services");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_taxonomy_terms_taxonomies_taxonomy_id",
                table: "taxonomy_terms");

            migrationBuilder.DropTable(
                name: "accessibility");

            migrationBuilder.DropTable(
                name: "addresses");

            migrationBuilder.DropTable(
                name: "attributes");

            migrationBuilder.DropTable(
                name: "cost_options");

            migrationBuilder.DropTable(
                name: "languages");

            migrationBuilder.DropTable(
                name: "phones");

            migrationBuilder.DropTable(
                name: "schedules");

            migrationBuilder.DropTable(
                name: "service_areas");

            migrationBuilder.DropTable(
                name: "service_at_locations");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "locations");

            migrationBuilder.DropIndex(
                name: "ix_taxonomy_terms_taxonomy_id",
                table: "taxonomy_terms");

            migrationBuilder.DropIndex(
                name: "ix_services_search_vector",
                table: "services");

            migrationBuilder.DropIndex(
                name: "ix_services_status",
                table: "services");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "taxonomy_terms");

            migrationBuilder.DropColumn(
                name: "term_uri",
                table: "taxonomy_terms");

            migrationBuilder.DropColumn(
                name: "accreditations",
                table: "services");

            migrationBuilder.DropColumn(
                name: "alert",
                table: "services");

            migrationBuilder.DropColumn(
                name: "assured_date",
                table: "services");

            migrationBuilder.DropColumn(
                name: "assurer_email",
                table: "services");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "services");

            migrationBuilder.DropColumn(
                name: "uri",
                table: "organizations");

            migrationBuilder.AlterColumn<string>(
                name: "description",
                table: "services",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "postcode",
                table: "services",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "taxonomy_term_ids",
                table: "services",
                type: "uuid[]",
                nullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "description",
                table: "organizations",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000);
        }
    }
}
