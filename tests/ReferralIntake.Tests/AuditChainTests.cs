using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Persistence;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.ReferralIntake.Tests;

/// <summary>
/// ASVS 7.3.3: the audit trail cannot be quietly changed. The service serves as a runtime role that may only
/// INSERT and SELECT the audit tables; every entry is sealed into a hash chain; the operator endpoint
/// recomputes it and names the first entry changed, removed or slipped in, even by the database's owner.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class AuditTrailProtectionTests(IntakeFactory factory) : AuditTrailProtectionTests<Program>(factory, "/api/referrals")
{
    protected override string RuntimeConnectionString =>
        factory.Services.GetRequiredService<ServiceDatabase<ReferralDbContext>>().Role.RuntimeConnectionString;
}

/// <summary>
/// The audit hash chain itself: every entry sealed, and the check names the first entry the database's owner
/// changed, removed or slipped in.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class AuditChainTests(IntakeFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_audit_entry_is_sealed_into_the_chain_and_the_check_finds_it_whole()
    {
        var ids = await AuditedReadsAsync(3);

        var report = await SealedReportAsync();

        Assert.True(report.Intact);
        Assert.Null(report.FirstBrokenEntryId);
        Assert.True(report.Sealed >= ids.Count);
        Assert.Equal(0, report.Unsealed);
        Assert.Matches("^[0-9a-f]{64}$", report.HeadHash!);
    }

    [Fact]
    public async Task An_entry_changed_removed_or_slipped_in_by_the_owner_is_named_as_the_first_broken()
    {
        await AuditedReadsAsync(3);
        var sealedReport = await SealedReportAsync();
        var victim = sealedReport.HeadEntryId!.Value - 1;

        // The owner can do what the runtime role cannot, after disabling the append-only trigger.
        await AsOwnerAsync($"UPDATE audit_entries SET actor = actor || '-changed' WHERE id = {victim}");
        var changed = await ReportAsync();
        await AsOwnerAsync($"UPDATE audit_entries SET actor = left(actor, -8) WHERE id = {victim}");
        var restored = await ReportAsync();

        await AsOwnerAsync($"CREATE TABLE kept_entry AS SELECT * FROM audit_entries WHERE id = {victim}; DELETE FROM audit_entries WHERE id = {victim}");
        var removed = await ReportAsync();
        await AsOwnerAsync("INSERT INTO audit_entries OVERRIDING SYSTEM VALUE SELECT * FROM kept_entry; DROP TABLE kept_entry");

        await AsOwnerAsync("""
            INSERT INTO audit_entries (id, at, actor, actor_roles, action, resource_type, resource_id, route)
            OVERRIDING SYSTEM VALUE VALUES (0, now() - interval '1 day', 'nobody', '', 'read', 'referral', gen_random_uuid(), 'GET /x')
            """);
        var slippedIn = await ReportAsync();
        await AsOwnerAsync("DELETE FROM audit_entries WHERE id = 0");
        var whole = await ReportAsync();

        Assert.True(sealedReport.Intact);
        Assert.Equal((false, victim, "changed"), (changed.Intact, changed.FirstBrokenEntryId, changed.Problem));
        Assert.True(restored.Intact, "the same fields give the same hash");
        Assert.Equal((false, victim, "missing"), (removed.Intact, removed.FirstBrokenEntryId, removed.Problem));
        Assert.Equal((false, 0L, "not-in-chain"), (slippedIn.Intact, slippedIn.FirstBrokenEntryId, slippedIn.Problem));
        Assert.True(whole.Intact);
    }

    [Fact]
    public async Task Only_admins_or_the_operator_key_may_check_the_chain()
    {
        var linkWorker = await factory.CreateClientWithToken(TestTokens.For(role: "linkworker", team: "north")).GetAsync("/api/referrals/admin/audit-chain");
        var manager = await factory.CreateClientWithToken(TestTokens.For(role: "manager")).GetAsync("/api/referrals/admin/audit-chain");
        var anonymous = await factory.CreateClient().GetAsync("/api/referrals/admin/audit-chain");

        Assert.Equal(HttpStatusCode.Forbidden, linkWorker.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, manager.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>Submits referrals and reads each as a manager (each read is audited); returns their ids.</summary>
    private async Task<List<Guid>> AuditedReadsAsync(int count)
    {
        var manager = factory.CreateClientWithToken(TestTokens.For(role: "manager", subject: "audit-manager"));
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var created = await (await factory.CreateClient().PostAsJsonAsync("/api/referrals", Referrals.ValidSelfReferral())).Content.ReadFromJsonAsync<JsonObject>();
            var id = created!["id"]!.GetValue<Guid>();
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/referrals/{id}")).StatusCode);
            ids.Add(id);
        }

        return ids;
    }

    private async Task<AuditChainReport> ReportAsync()
    {
        var response = await factory.CreateClientWithToken(TestTokens.For(role: "admin")).GetAsync("/api/referrals/admin/audit-chain");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuditChainReport>())!;
    }

    /// <summary>The report once every entry so far is sealed (the sealer runs every 200 ms in tests).</summary>
    private async Task<AuditChainReport> SealedReportAsync()
    {
        AuditChainReport? report = null;
        await ServiceFactory<Program>.Eventually(async () => (report = await ReportAsync()).Unsealed == 0 && report.Sealed > 0);
        return report!;
    }

    private async Task AsOwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
        try
        {
            await ExecuteAsync(connection, sql);
        }
        finally
        {
            await ExecuteAsync(connection, "ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
