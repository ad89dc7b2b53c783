using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.Notifications.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InboundTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "mobile",
                table: "recipients",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_recipients_mobile",
                table: "recipients",
                column: "mobile");

            // Recipients kept before: their phone as a UK mobile number (07…), as Recipient.Update now keeps it.
            migrationBuilder.Sql("""
                UPDATE recipients SET mobile = m.number
                FROM (SELECT person_id, CASE
                        WHEN d LIKE '+44%' THEN '0' || substr(d, 4)
                        WHEN d LIKE '0044%' THEN '0' || substr(d, 5)
                        WHEN d LIKE '447%' AND length(d) = 12 THEN '0' || substr(d, 3)
                        ELSE d END AS number
                      FROM (SELECT person_id, regexp_replace(phone, '[^0-9+]', '', 'g') AS d FROM recipients WHERE phone IS NOT NULL) p) m
                WHERE recipients.person_id = m.person_id AND m.number ~ '^07[0-9]{9}$';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_recipients_mobile",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "mobile",
                table: "recipients");
        }
    }
}
