using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.WellbeingMetrics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OutcomePairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outcome_pairs",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instrument_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    measure = table.Column<short>(type: "smallint", nullable: false),
                    baseline = table.Column<int>(type: "integer", nullable: false),
                    latest = table.Column<int>(type: "integer", nullable: false),
                    latest_on = table.Column<DateOnly>(type: "date", nullable: false),
                    improved = table.Column<bool>(type: "boolean", nullable: true),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    link_worker = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    needs = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outcome_pairs", x => new { x.case_id, x.instrument_id, x.measure });
                });

            migrationBuilder.CreateIndex(
                name: "ix_outcome_pairs_latest_on",
                table: "outcome_pairs",
                column: "latest_on");

            // Pairs for the scores already recorded (the service keeps them up to date from here on).
            migrationBuilder.Sql("""
                INSERT INTO outcome_pairs (case_id, instrument_id, measure, baseline, latest, latest_on, improved, source, link_worker, needs)
                SELECT l.case_id, l.instrument_id, m.measure, m.before, m.after, l.completed_on,
                       CASE WHEN m.measure = 0 AND i.definition -> 'scoring' ->> 'meaningfulChange' IS NOT NULL
                            THEN CASE WHEN coalesce((i.definition -> 'scoring' ->> 'higherIsBetter')::boolean, true) THEN 1 ELSE -1 END * (m.after - m.before)
                                 >= round((i.definition -> 'scoring' ->> 'meaningfulChange')::numeric * 100) END,
                       c.source, c.assigned_to, c.needs
                FROM (SELECT DISTINCT ON (a.case_id, a.instrument_id) * FROM assessments a WHERE a.sequence > 0
                      ORDER BY a.case_id, a.instrument_id, a.completed_on DESC, a.sequence DESC) l
                JOIN assessments b ON b.case_id = l.case_id AND b.instrument_id = l.instrument_id AND b.sequence = 0 AND b.completed_on <= l.completed_on
                JOIN cases c ON c.id = l.case_id
                JOIN instruments i ON i.id = l.instrument_id
                CROSS JOIN LATERAL (
                    SELECT 0::smallint, round(b.value * 100)::int, round(l.value * 100)::int WHERE l.value IS NOT NULL AND b.value IS NOT NULL
                    UNION ALL
                    SELECT u.n::smallint, u.b * 100, u.a * 100 FROM unnest(b.responses, l.responses) WITH ORDINALITY AS u(b, a, n) WHERE l.value IS NULL
                ) AS m(measure, before, after);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outcome_pairs");
        }
    }
}
