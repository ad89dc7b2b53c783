using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.WellbeingMetrics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occasion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    rating = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    went_well = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    could_be_better = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feedback_answers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occasion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feedback_links", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_answers_month_occasion",
                table: "feedback_answers",
                columns: new[] { "month", "occasion" });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_links_case_id",
                table: "feedback_links",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_feedback_links_occasion_source_id",
                table: "feedback_links",
                columns: new[] { "occasion", "source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_feedback_links_token_hash",
                table: "feedback_links",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_answers");

            migrationBuilder.DropTable(
                name: "feedback_links");
        }
    }
}
