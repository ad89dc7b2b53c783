using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.CaseManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CaseScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_scores",
                columns: table => new
                {
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instrument = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    timepoint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    follow_up = table.Column<int>(type: "integer", nullable: true),
                    mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    score = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_scores", x => x.assessment_id);
                    table.ForeignKey(
                        name: "fk_case_scores_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_scores_case_id",
                table: "case_scores",
                column: "case_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_scores");
        }
    }
}
