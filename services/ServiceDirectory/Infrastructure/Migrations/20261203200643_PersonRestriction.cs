using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PersonRestriction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "restricted",
                table: "provider_referrals",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "restricted",
                table: "provider_referrals");
        }
    }
}
