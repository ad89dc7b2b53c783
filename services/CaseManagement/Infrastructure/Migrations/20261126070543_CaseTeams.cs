using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.CaseManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CaseTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Cases opened before teams existed join the shipped default team (Teams:DefaultTeam).
            migrationBuilder.AddColumn<string>(
                name: "team",
                table: "cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "north");

            migrationBuilder.CreateIndex(
                name: "ix_cases_team_opened_at",
                table: "cases",
                columns: new[] { "team", "opened_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_team_opened_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "team",
                table: "cases");
        }
    }
}
