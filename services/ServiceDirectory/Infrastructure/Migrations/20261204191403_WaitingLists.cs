using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class WaitingLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "referrals_paused",
                table: "services",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "stated_wait_days",
                table: "services",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "offered_at",
                table: "provider_referrals",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "referrals_paused",
                table: "services");

            migrationBuilder.DropColumn(
                name: "stated_wait_days",
                table: "services");

            migrationBuilder.DropColumn(
                name: "offered_at",
                table: "provider_referrals");
        }
    }
}
