using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.ReferralIntake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReferralSender : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_referrals_external_id",
                table: "referrals");

            migrationBuilder.AddColumn<string>(
                name: "submitted_by",
                table: "referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_referrals_submitted_by_external_id",
                table: "referrals",
                columns: new[] { "submitted_by", "external_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_referrals_submitted_by_external_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "submitted_by",
                table: "referrals");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_external_id",
                table: "referrals",
                column: "external_id",
                unique: true);
        }
    }
}
