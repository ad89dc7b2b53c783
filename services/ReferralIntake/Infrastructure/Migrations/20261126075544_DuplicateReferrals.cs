using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.ReferralIntake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "duplicate_of_id",
                table: "referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "person_key",
                table: "referrals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Referrals from before person keys existed never match by name (only by NHS number).
            migrationBuilder.Sql("UPDATE referrals SET person_key = 'legacy-' || id::text WHERE person_key = '';");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_nhs_number",
                table: "referrals",
                column: "nhs_number");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_person_key",
                table: "referrals",
                column: "person_key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_referrals_nhs_number",
                table: "referrals");

            migrationBuilder.DropIndex(
                name: "ix_referrals_person_key",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "duplicate_of_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "person_key",
                table: "referrals");
        }
    }
}
