using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialPrescribing.CaseManagement.Infrastructure.Migrations
{
    /// <summary>
    /// Each link worker's count of open cases, kept by a trigger on <c>cases</c> in the transaction that
    /// opens, assigns, moves or closes a case, so the choice of who takes a new case reads one number
    /// instead of counting every open case (31 ms a new case with 20,000 open). The trigger runs at
    /// commit (deferred), so the link worker's row is locked only while the transaction commits, not
    /// while the rest of it runs: cases opened at once for one link worker queue for milliseconds at most.
    /// The closed steps below are <c>LinkWorkerRoster.ClosedSteps</c>; the roster tests prove they agree.
    /// </summary>
    public partial class OpenCaseCounts : Migration
    {
        private const string ClosedSteps = "ARRAY['Outcomes', 'Declined', 'UnableToContact', 'NotAppropriate', 'Withdrawn']";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "open_cases",
                table: "link_workers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Before the trigger, so the two never disagree: the whole table is locked while both happen.
            migrationBuilder.Sql("LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE;");
            migrationBuilder.Sql(
                $$"""
                CREATE FUNCTION count_open_cases() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    closed CONSTANT text[] := {{ClosedSteps}};
                    was text;
                    holder text;
                BEGIN
                    IF TG_OP <> 'INSERT' AND OLD.assigned_to IS NOT NULL AND OLD.step <> ALL (closed) THEN
                        was := OLD.assigned_to;
                    END IF;
                    IF TG_OP <> 'DELETE' AND NEW.assigned_to IS NOT NULL AND NEW.step <> ALL (closed) THEN
                        holder := NEW.assigned_to;
                    END IF;
                    IF was IS DISTINCT FROM holder THEN
                        -- One statement for both rows, so two hand-overs in opposite directions lock in the same order.
                        UPDATE link_workers
                        SET open_cases = open_cases + CASE WHEN user_id = holder THEN 1 ELSE -1 END
                        WHERE user_id IN (was, holder);
                    END IF;
                    RETURN NULL;
                END
                $$;
                """);
            migrationBuilder.Sql(
                """
                CREATE CONSTRAINT TRIGGER cases_count_open AFTER INSERT OR DELETE OR UPDATE OF assigned_to, step ON cases
                DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION count_open_cases();
                """);
            migrationBuilder.Sql(
                $"""
                UPDATE link_workers w SET open_cases = (
                    SELECT count(*) FROM cases c
                    WHERE c.assigned_to = w.user_id
                      AND c.step <> ALL ({ClosedSteps}));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER cases_count_open ON cases;");
            migrationBuilder.Sql("DROP FUNCTION count_open_cases();");
            migrationBuilder.DropColumn(
                name: "open_cases",
                table: "link_workers");
        }
    }
}
