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

    /// <summary>Later referrals of the same person while this case is open ("also referred by … on …").</summary>
    public List<LinkedReferral> AlsoReferred { get; private set; } = [];

    /// <summary>When a red-flag answer put the case in the same-day queue.</summary>
    public DateTimeOffset? FlaggedUrgentAt { get; private set; }

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

    /// <summary>Adds a repeat referral of the same person to this case (once); an urgent one makes the case urgent.</summary>
    public void AddReferral(ReferralSubmitted referral, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.ReferralId == ReferralId || AlsoReferred.Any(r => r.ReferralId == referral.ReferralId))
        {
            return;
        }

        AlsoReferred.Add(new LinkedReferral(referral.ReferralId, referral.Reference, referral.Channel, referral.Source, referral.Urgent, referral.OccurredAt));
        Urgent |= referral.Urgent;
        UpdatedAt = now;
    }

    /// <summary>True once the case has reached an exit (declined, unable to contact, not appropriate, withdrawn).</summary>
    public bool HasExited => Step is CaseStep.Declined or CaseStep.UnableToContact or CaseStep.NotAppropriate or CaseStep.Withdrawn;

    /// <summary>
    /// The referrer cancelled one of the case's referrals. A joined repeat is simply dropped; the
    /// case's own referral withdraws the case unless another referral of the person keeps it open.
    /// </summary>
    public void WithdrawReferral(Guid referralId, DateTimeOffset now)
    {
        if (AlsoReferred.RemoveAll(r => r.ReferralId == referralId) > 0)
        {
            UpdatedAt = now;
            return;
        }

        if (referralId == ReferralId && AlsoReferred.Count == 0 && !HasExited && Step != CaseStep.Outcomes)
        {
            Step = CaseStep.Withdrawn;
            UpdatedAt = now;
        }
    }

    /// <summary>A red flag on any of the case's referrals: same-day queue.</summary>
    public void FlagUrgent(DateTimeOffset now)
    {
        Urgent = true;
        FlaggedUrgentAt ??= now;
        UpdatedAt = now;
    }

    public CaseOpened ToOpenedEvent() => new(Guid.CreateVersion7(OpenedAt), OpenedAt, Id, ReferralId, Reference, Urgent);
}

/// <summary>A further referral of the person, joined to their open case.</summary>
public sealed record LinkedReferral(Guid ReferralId, string Reference, string Channel, string Source, bool Urgent, DateTimeOffset ReceivedAt);
