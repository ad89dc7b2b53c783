using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.Messaging.Audit;

public static class AuditModelBuilderExtensions
{
    /// <summary>Adds the append-only <c>audit_entries</c> table to a service's model.</summary>
    public static ModelBuilder AddAuditTrail(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("audit_entries");
            b.Property(a => a.Id).UseIdentityAlwaysColumn();
            b.HasIndex(a => new { a.ResourceType, a.ResourceId, a.At });
            b.Property(a => a.Actor).HasMaxLength(128);
            b.Property(a => a.ActorRoles).HasMaxLength(256);
            b.Property(a => a.Action).HasMaxLength(16);
            b.Property(a => a.ResourceType).HasMaxLength(32);
            b.Property(a => a.Route).HasMaxLength(256);
        });
        modelBuilder.Entity<AuditSeal>(b =>
        {
            b.ToTable("audit_seals");
            b.HasKey(s => s.EntryId);
            b.Property(s => s.EntryId).ValueGeneratedNever();
            b.Property(s => s.Hash).HasMaxLength(32);
        });
        modelBuilder.Entity<AuditPrune>(b =>
        {
            b.ToTable("audit_prunes");
            b.HasKey(p => p.ThroughEntryId);
            b.Property(p => p.ThroughEntryId).ValueGeneratedNever();
            b.Property(p => p.Hash).HasMaxLength(32);
        });
        return modelBuilder;
    }

    /// <summary>
    /// SQL for a migration: the seal table refuses UPDATE and DELETE (the audit table's trigger is
    /// <see cref="AppendOnlySql"/>); even its owner must disable the trigger first.
    /// </summary>
    public const string SealsAppendOnlySql = """
        CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
        END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
        """;

    /// <summary>SQL for a migration: the prune records refuse UPDATE and DELETE, as the trail does.</summary>
    public const string PrunesAppendOnlySql = """
        CREATE TRIGGER audit_prunes_append_only BEFORE UPDATE OR DELETE ON audit_prunes
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
        """;

    /// <summary>SQL for a migration: the audit table refuses UPDATE and DELETE.</summary>
    public const string AppendOnlySql = """
        CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'audit_entries is append-only';
        END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
        """;
}

public static class AuditDbContextExtensions
{
    /// <summary>
    /// Stages audit entries written by the service itself on someone's behalf (e.g. an erasure, carried out
    /// by each service from an event): <paramref name="actor"/> is who asked; the route names the event.
    /// </summary>
    public static void AuditOnBehalf(this DbContext db, string actor, string action, string resourceType, IEnumerable<Guid> resourceIds, string route, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        foreach (var id in resourceIds)
        {
            db.Set<AuditEntry>().Add(new AuditEntry(now, actor, "", action, resourceType, id, route));
        }
    }

    /// <summary>
    /// Stages audit entries for the records this request touched; they are saved by the next
    /// SaveChanges, so a write and its audit commit together.
    /// </summary>
    public static void Audit(this DbContext db, HttpContext http, string action, string resourceType, IEnumerable<Guid> resourceIds, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        var user = http.User;
        var actor = user.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "anonymous";
        var roles = string.Join(',', user.FindAll(SuiteAuthentication.RoleClaim).Select(c => c.Value));
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        var route = $"{http.Request.Method} {template}";
        var now = time.GetUtcNow();
        foreach (var id in resourceIds)
        {
            db.Set<AuditEntry>().Add(new AuditEntry(now, actor, roles, action, resourceType, id, route));
        }
    }
}
