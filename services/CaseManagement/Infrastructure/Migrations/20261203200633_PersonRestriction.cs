using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.CaseManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PersonRestriction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "restricted",
                table: "cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "restricted",
                table: "cases");
        }
    }
}
