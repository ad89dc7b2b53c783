using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.Notifications.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "meeting_id",
                table: "notices",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "referral_people",
                columns: table => new
                {
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_people", x => x.referral_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notices_meeting_id",
                table: "notices",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_referral_people_person_id",
                table: "referral_people",
                column: "person_id");

            // Referrals acknowledged before this table: their person is on the acknowledgement.
            migrationBuilder.Sql("""
                INSERT INTO referral_people (referral_id, person_id)
                SELECT DISTINCT ON (referral_id) referral_id, person_id FROM notices
                WHERE referral_id IS NOT NULL AND person_id IS NOT NULL
                ON CONFLICT DO NOTHING
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "referral_people");

            migrationBuilder.DropIndex(
                name: "ix_notices_meeting_id",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "meeting_id",
                table: "notices");
        }
    }
}
