using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OrukSourceKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "capacity_maximum",
                table: "services",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<int>(
                name: "capacity_available",
                table: "services",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "services",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unmapped_terms",
                table: "services",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "organizations",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "source",
                table: "services");

            migrationBuilder.DropColumn(
                name: "unmapped_terms",
                table: "services");

            migrationBuilder.DropColumn(
                name: "source",
                table: "organizations");

            migrationBuilder.AlterColumn<int>(
                name: "capacity_maximum",
                table: "services",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "capacity_available",
                table: "services",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
