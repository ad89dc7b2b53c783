using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.Identity.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TokenKeysProtected : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "protection",
                table: "signing_keys",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "none");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retired_at",
                table: "signing_keys",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "protection",
                table: "signing_keys");

            migrationBuilder.DropColumn(
                name: "retired_at",
                table: "signing_keys");
        }
    }
}
