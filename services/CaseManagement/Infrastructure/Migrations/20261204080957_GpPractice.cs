using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.CaseManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class GpPractice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "gp_practice",
                table: "cases",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "gp_practice",
                table: "cases");
        }
    }
}
