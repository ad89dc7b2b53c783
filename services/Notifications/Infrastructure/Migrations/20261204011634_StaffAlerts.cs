using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.Notifications.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StaffAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "staff",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "staff_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    seen_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_alerts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_staff_alerts_case_id",
                table: "staff_alerts",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_alerts_kind_source_id",
                table: "staff_alerts",
                columns: new[] { "kind", "source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_alerts_user_id_seen_at",
                table: "staff_alerts",
                columns: new[] { "user_id", "seen_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "staff");

            migrationBuilder.DropTable(
                name: "staff_alerts");
        }
    }
}
