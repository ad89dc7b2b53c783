namespace SocialPrescribing.ReferralIntake.Features.SendGpSummary;

/// <summary>
/// Where each GP practice's system takes FHIR messages (<c>GpSystems:Endpoints:{ODS code}</c> = its address), and how often
/// a refused or unreachable send is tried again (<c>GpSystems:RetryDelays</c>; after the last, it has failed).
/// </summary>
public sealed class GpSystems
{
    public const string Section = "GpSystems";

    public Dictionary<string, Uri> Endpoints { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>1 minute, 5 minutes, 30 minutes, 2 hours, 6 hours: six attempts over about nine hours.</summary>
    public List<TimeSpan> RetryDelays { get; init; } = [];

    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0
        ? RetryDelays
        : [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];

    /// <summary>How often the dispatcher looks for sends that are due.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    public Uri? EndpointOf(string practice) => Endpoints.GetValueOrDefault(practice);
}
