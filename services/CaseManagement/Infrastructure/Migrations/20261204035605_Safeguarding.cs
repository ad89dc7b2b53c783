using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.CaseManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Safeguarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "escalated_at",
                table: "case_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "risk",
                table: "case_contacts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "safeguarding_concerns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    team = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    person_aware = table.Column<bool>(type: "boolean", nullable: false),
                    consent = table.Column<bool>(type: "boolean", nullable: false),
                    immediate_danger = table.Column<bool>(type: "boolean", nullable: false),
                    raised_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    decision_reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    overdue_alerted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguarding_concerns", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_tasks_open_risk_reviews",
                table: "case_tasks",
                column: "due_by",
                filter: "kind = 'risk-review' AND done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_safeguarding_concerns_case_id",
                table: "safeguarding_concerns",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_safeguarding_concerns_open",
                table: "safeguarding_concerns",
                column: "due_by",
                filter: "decision IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "safeguarding_concerns");

            migrationBuilder.DropIndex(
                name: "ix_case_tasks_open_risk_reviews",
                table: "case_tasks");

            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "case_tasks");

            migrationBuilder.DropColumn(
                name: "risk",
                table: "case_contacts");
        }
    }
}
