using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>One person's journey with a link worker for one episode, opened from one referral.</summary>
public sealed class Case
{
    public Guid Id { get; private set; }

    public Guid ReferralId { get; private set; }

    public string Reference { get; private set; } = "";

    public CaseStep Step { get; private set; }

    public bool Urgent { get; private set; }

    public string Channel { get; private set; } = "";

    public string Source { get; private set; } = "";

    public List<string> Needs { get; private set; } = [];

    public string ShareWithGp { get; private set; } = "none";

    /// <summary>Points at the person's details, which Referral Intake holds.</summary>
    public Guid PersonReference { get; private set; }

    /// <summary>The link worker team covering the person's area; its members see the case.</summary>
    public string Team { get; private set; } = "";

    public string? AssignedTo { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    private Case()
    {
    }

    public static Case Open(ReferralSubmitted referral, string team, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return new Case
        {
            Id = Guid.CreateVersion7(now),
            ReferralId = referral.ReferralId,
            Reference = referral.Reference,
            Step = CaseStep.Referral,
            Urgent = referral.Urgent,
            Channel = referral.Channel,
            Source = referral.Source,
            Needs = [.. referral.Needs],
            ShareWithGp = referral.Consent.ShareWithGp,
            PersonReference = referral.PersonReference,
            Team = team,
            OpenedAt = now,
            UpdatedAt = now,
        };
    }

    public CaseOpened ToOpenedEvent() => new(Guid.CreateVersion7(OpenedAt), OpenedAt, Id, ReferralId, Reference, Urgent);
}
