namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// One change to a person's record, kept as their history: a new referral's details, a correction, a
/// consent change, a merge or its undoing. Holds their details before and after, so it goes when they do.
/// </summary>
public sealed class PersonChange
{
    public long Id { get; private set; }

    public Guid PersonId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Who: a staff user id, or <c>referral</c> when a new referral brought the details.</summary>
    public string By { get; private set; } = "";

    /// <summary>What kind of change: see <see cref="PersonChangeKind"/>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>Field → before and after (JSON).</summary>
    public Dictionary<string, FieldChange> Fields { get; private set; } = [];

    /// <summary>Why, in staff's words (a correction's or consent change's reason), if given.</summary>
    public string? Reason { get; private set; }

    private PersonChange()
    {
    }

    public PersonChange(Guid personId, DateTimeOffset at, string by, string kind, IReadOnlyDictionary<string, FieldChange> fields, string? reason = null)
    {
        PersonId = personId;
        At = at;
        By = by;
        Kind = kind;
        Fields = new Dictionary<string, FieldChange>(fields);
        Reason = reason;
    }
}

public static class PersonChangeKind
{
    public const string Referred = "referred";
    public const string Corrected = "corrected";
    public const string Consent = "consent";
    public const string Merged = "merged";
    public const string MergeUndone = "merge-undone";
    public const string Restricted = "restricted";
    public const string RestrictionLifted = "restriction-lifted";
}

/// <summary>
/// A manager found two records of one person and merged <see cref="MergedId"/> into <see cref="SurvivorId"/>:
/// the referrals that moved are listed, so undoing the merge puts each back where it was.
/// </summary>
public sealed class PersonMerge
{
    public Guid Id { get; private set; }

    public Guid SurvivorId { get; private set; }

    public Guid MergedId { get; private set; }

    /// <summary>The referrals that were the merged person's (and of anyone merged into them before).</summary>
    public List<Guid> MovedReferralIds { get; private set; } = [];

    /// <summary>People merged into the merged person earlier, who now point at the survivor too.</summary>
    public List<Guid> AlsoMovedPersonIds { get; private set; } = [];

    public string MergedBy { get; private set; } = "";

    public DateTimeOffset MergedAt { get; private set; }

    public string? UndoneBy { get; private set; }

    public DateTimeOffset? UndoneAt { get; private set; }

    private PersonMerge()
    {
    }

    public PersonMerge(Guid survivorId, Guid mergedId, IEnumerable<Guid> movedReferralIds, IEnumerable<Guid> alsoMovedPersonIds, string by, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        SurvivorId = survivorId;
        MergedId = mergedId;
        MovedReferralIds = [.. movedReferralIds];
        AlsoMovedPersonIds = [.. alsoMovedPersonIds];
        MergedBy = by;
        MergedAt = at;
    }

    public void Undo(string by, DateTimeOffset at)
    {
        UndoneBy = by;
        UndoneAt = at;
    }
}

/// <summary>
/// A staff search for a person, kept as its audit: who searched, for what, and whom it found. The terms
/// are personal data: a person's erasure blanks the terms of searches that found them.
/// </summary>
public sealed class PersonSearch
{
    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string By { get; private set; } = "";

    /// <summary>Parameter → what was typed (search, dateOfBirth, nhsNumber, postcode).</summary>
    public Dictionary<string, string> Terms { get; private set; } = [];

    public List<Guid> FoundPersonIds { get; private set; } = [];

    private PersonSearch()
    {
    }

    public PersonSearch(DateTimeOffset at, string by, IReadOnlyDictionary<string, string> terms, IEnumerable<Guid> found)
    {
        At = at;
        By = by;
        Terms = new Dictionary<string, string>(terms);
        FoundPersonIds = [.. found];
    }
}
