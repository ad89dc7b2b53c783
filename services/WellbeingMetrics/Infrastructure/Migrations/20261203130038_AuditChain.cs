using System;
using Microsoft.EntityFrameworkCore.Migrations;
using SocialPrescribing.Messaging.Audit;

#nullable disable

namespace SocialPrescribing.WellbeingMetrics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_seals",
                columns: table => new
                {
                    entry_id = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    sealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_seals", x => x.entry_id);
                });
            migrationBuilder.Sql(AuditModelBuilderExtensions.SealsAppendOnlySql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_seals");
        }
    }
}
