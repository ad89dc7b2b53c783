using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.Notifications.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SafeguardingAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "staff_alerts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "manager");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "role",
                table: "staff_alerts");
        }
    }
}
