using SocialPrescribing.Contracts;

namespace SocialPrescribing.Notifications.Model;

/// <summary>
/// A case as Case Management's events describe it — enough to know who may read its messages (its team), whom to alert
/// (its link worker), whether an urgent one was reached, and which referrals are its own (their acknowledgements are
/// its messages too). No personal data: ids, team, user ids, times.
/// </summary>
public sealed class KnownCase
{
    public Guid Id { get; private set; }

    public string? Reference { get; private set; }

    public string? Team { get; private set; }

    public string? AssignedTo { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    public bool Urgent { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>When the link worker first reached the person (the case moved on from <c>Referral</c>).</summary>
    public DateTimeOffset? FirstContactAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public List<Guid> ReferralIds { get; private set; } = [];

    private KnownCase()
    {
    }

    public static KnownCase Heard(Guid id) => new() { Id = id };

    public void Opened(CaseOpened opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        Reference = opened.Reference;
        Team = opened.Team;
        Urgent = opened.Urgent;
        OpenedAt = opened.OccurredAt;
        Follow([opened.ReferralId]);
        if (opened.AssignedTo is { } worker)
        {
            Assigned(worker, opened.OccurredAt);
        }
    }

    /// <summary>What a later event says of the case, kept when its opening has not arrived yet.</summary>
    public void Describe(string reference, string team)
    {
        Reference ??= reference;
        Team ??= team;
    }

    /// <summary>The latest assignment wins; an older one arriving late changes nothing.</summary>
    public void Assigned(string userId, DateTimeOffset at)
    {
        if (AssignedAt is { } last && at < last)
        {
            return;
        }

        AssignedTo = userId;
        AssignedAt = at;
    }

    public void Moved(IReadOnlyList<Guid> referralIds, string from, DateTimeOffset at)
    {
        Follow(referralIds);
        if (from == CaseSteps.Referral && (FirstContactAt is null || at < FirstContactAt))
        {
            FirstContactAt = at;
        }
    }

    public void Closed(IReadOnlyList<Guid> referralIds, DateTimeOffset at)
    {
        Follow(referralIds);
        ClosedAt ??= at;
    }

    /// <summary>Every referral the case holds (its own and joined repeats).</summary>
    public void Follow(IEnumerable<Guid> referralIds)
    {
        var added = referralIds.Except(ReferralIds).ToList();
        if (added.Count > 0)
        {
            ReferralIds = [.. ReferralIds, .. added];
        }
    }
}
