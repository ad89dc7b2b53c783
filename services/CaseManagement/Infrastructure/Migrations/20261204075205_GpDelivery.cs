using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.CaseManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class GpDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "gp_delivery_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "gp_delivery_attempts",
                table: "cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "gp_delivery_detail",
                table: "cases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "gp_delivery_practice",
                table: "cases",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "gp_delivery_status",
                table: "cases",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_gp_delivery_problems",
                table: "cases",
                columns: new[] { "gp_delivery_status", "team" },
                filter: "gp_delivery_status IN ('failed', 'not-sent')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_gp_delivery_problems",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "gp_delivery_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "gp_delivery_attempts",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "gp_delivery_detail",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "gp_delivery_practice",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "gp_delivery_status",
                table: "cases");
        }
    }
}
