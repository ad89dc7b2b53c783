namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// A person's erasure (UK GDPR Article 17): who asked and why, and each service's confirmation. It is
/// the tombstone that stays: the person's id (a random number that identifies no one once their records
/// are gone), no personal data.
/// </summary>
public sealed class ErasureRequest
{
    /// <summary>The services that hold the person's data and confirm their erasure; Intake is one of them.</summary>
    public static readonly IReadOnlyList<string> Services =
        [ResourceNames.ReferralIntake, ResourceNames.CaseManagement, ResourceNames.WellbeingMetrics, ResourceNames.ServiceDirectory, ResourceNames.Notifications];

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public string Reason { get; private set; } = "";

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>When the last service confirmed.</summary>
    public DateTimeOffset? DoneAt { get; private set; }

    public List<ErasureConfirmation> Confirmations { get; private set; } = [];

    private ErasureRequest()
    {
    }

    public static ErasureRequest Start(Guid personId, string reason, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PersonId = personId,
        Reason = reason,
        RequestedBy = by,
        RequestedAt = now,
    };

    public string Status => DoneAt is null ? "pending" : "done";

    /// <summary>A service confirmed (once; a repeat changes nothing).</summary>
    public void Confirm(string service, int removed, DateTimeOffset now)
    {
        if (Confirmations.Any(c => c.Service == service) || !Services.Contains(service))
        {
            return;
        }

        Confirmations.Add(new ErasureConfirmation(service, removed, now));
        if (Services.All(s => Confirmations.Any(c => c.Service == s)))
        {
            DoneAt = now;
        }
    }
}

/// <summary>One service's confirmation: when, and how many rows and messages it removed.</summary>
public sealed class ErasureConfirmation
{
    public string Service { get; private set; } = "";

    public int Removed { get; private set; }

    public DateTimeOffset ConfirmedAt { get; private set; }

    private ErasureConfirmation()
    {
    }

    public ErasureConfirmation(string service, int removed, DateTimeOffset at)
    {
        Service = service;
        Removed = removed;
        ConfirmedAt = at;
    }
}
