using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.Notifications.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OptOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "opt_out_token",
                table: "recipients",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // People already known get a link of their own (gen_random_uuid is drawn from a strong random source).
            migrationBuilder.Sql("UPDATE recipients SET opt_out_token = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')");

            migrationBuilder.CreateIndex(
                name: "ix_recipients_opt_out_token",
                table: "recipients",
                column: "opt_out_token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_recipients_opt_out_token",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "opt_out_token",
                table: "recipients");
        }
    }
}
