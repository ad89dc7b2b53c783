using Microsoft.AspNetCore.Builder;

namespace SocialPrescribing.Authorization;

/// <summary>
/// Whose records a route returns, declared on every signed-in GET so the route × (role, team) tests
/// know what each caller should get back (the OpenAPI document's <c>x-authorization.records</c>):
/// <list type="bullet">
/// <item><see cref="CaseTeam"/>: a person's data, a case, a score or a prescription, for link workers of
/// the case's team and managers (and, in Referral Intake, the call handler who took the referral).</item>
/// <item><see cref="ProviderOrganisation"/>: a provider referral, for providers of the organisation the
/// person was referred to.</item>
/// <item><see cref="Safeguarding"/>: a safeguarding concern, for the safeguarding lead, managers and link workers of
/// the case's team; any other signed-in caller is answered as if it did not exist (404, or a list without it).</item>
/// <item><see cref="None"/>: nothing about a person (counts, reports of people counted, the directory).</item>
/// </list>
/// </summary>
public sealed record RecordScope(string Name)
{
    public static readonly RecordScope CaseTeam = new("case-team");
    public static readonly RecordScope ProviderOrganisation = new("provider-organisation");
    public static readonly RecordScope Safeguarding = new("safeguarding");
    public static readonly RecordScope None = new("none");
}

public static class RecordScopeExtensions
{
    /// <summary>Declares whose records the route returns (<see cref="RecordScope"/>).</summary>
    public static TBuilder ReturnsRecords<TBuilder>(this TBuilder builder, RecordScope scope) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(scope);
    }
}
