using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SocialPrescribing.TestSupport;

/// <summary>
/// ASVS 7.3.3 for one service's audit trail: it serves as a runtime role that may only INSERT and SELECT the
/// audit tables, and its hash chain answers the operator check (the chain itself:
/// ReferralIntake.Tests.AuditChainTests). Each service with an audit trail derives a class from this one.
/// </summary>
public abstract class AuditTrailProtectionTests<TProgram>(ServiceFactory<TProgram> factory, string prefix) where TProgram : class
{
    /// <summary>The connection the service serves with (its runtime role).</summary>
    protected abstract string RuntimeConnectionString { get; }

    [Fact]
    public async Task The_service_serves_as_a_runtime_role_that_may_only_insert_and_select_the_audit_tables() =>
        Assert.Empty(await AuditTables.WhatTheRuntimeRoleMayDoBeyondInsertAndSelectAsync(RuntimeConnectionString));

    [Fact]
    public async Task The_audit_chain_check_answers_admins_with_an_intact_chain()
    {
        var response = await factory.CreateClientWithToken(TestTokens.For(role: "admin")).GetAsync($"{prefix}/admin/audit-chain");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["intact"]!.GetValue<bool>());
    }
}
