using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.ReferralIntake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PersonRestriction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "person_restricted",
                table: "referrals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "restricted",
                table: "people",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "person_restricted",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "restricted",
                table: "people");
        }
    }
}
