namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>
/// When the person is asked for feedback: their case closed, or a service they were referred to marked them finished.
/// </summary>
public static class FeedbackOccasions
{
    public const string CaseClosed = "case-closed";
    public const string ServiceFinished = "service-finished";

    public static readonly IReadOnlyList<string> All = [CaseClosed, ServiceFinished];
}

/// <summary>
/// The NHS Friends and Family Test's question and its six answers (the wording NHS England gives for services to use),
/// and the two questions in the person's own words. Codes are stored; words are shown in the person's language.
/// </summary>
public static class FriendsAndFamilyTest
{
    public const string VeryGood = "very-good";
    public const string Good = "good";
    public const string Neither = "neither";
    public const string Poor = "poor";
    public const string VeryPoor = "very-poor";
    public const string DontKnow = "dont-know";

    /// <summary>The answers in the order the question gives them.</summary>
    public static readonly IReadOnlyList<string> Answers = [VeryGood, Good, Neither, Poor, VeryPoor, DontKnow];

    /// <summary>The most a person may write in each of the two free-text answers.</summary>
    public const int MaxWords = 2000;

    /// <summary>The answers counted as positive in the FFT's usual summary (very good or good, of those who gave an answer other than don't know).</summary>
    public static bool IsPositive(string answer) => answer is VeryGood or Good;
}

/// <summary>
/// A one-time link asking the person for feedback. It knows the case (to send it and not to ask twice for the same
/// occasion) but the answer given through it does not: answers are anonymous. Only a hash of the token is kept.
/// </summary>
public sealed class FeedbackLink
{
    /// <summary>Long enough to answer at leisure after a case ends.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(28);

    private FeedbackLink()
    {
    }

    public Guid Id { get; private set; }

    public byte[] TokenHash { get; private set; } = [];

    public Guid CaseId { get; private set; }

    /// <summary><see cref="FeedbackOccasions"/>.</summary>
    public string Occasion { get; private set; } = "";

    /// <summary>What the occasion is about (the case, or the provider referral finished): asked once for each.</summary>
    public Guid SourceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static (FeedbackLink Link, string Token) Create(Guid caseId, string occasion, Guid sourceId, DateTimeOffset now)
    {
        var token = CompletionLink.NewToken();
        return (new FeedbackLink
        {
            Id = Guid.CreateVersion7(now),
            TokenHash = Hash(token),
            CaseId = caseId,
            Occasion = occasion,
            SourceId = sourceId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        }, token);
    }

    public static byte[] Hash(string token) => CompletionLink.Hash(token);

    public bool IsOpen(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    /// <summary>The person answered: the link closes, and the answer is made with nothing that leads back to them.</summary>
    public FeedbackAnswer Answer(string rating, string? wentWell, string? couldBeBetter, string language, DateTimeOffset now)
    {
        if (!IsOpen(now))
        {
            throw new InvalidOperationException("This feedback link has been used or has expired.");
        }

        UsedAt = now;
        return FeedbackAnswer.Given(Occasion, rating, wentWell, couldBeBetter, language, now);
    }
}

/// <summary>
/// A person's feedback, anonymous: no case, person, link worker or exact time — only the occasion, the month, the
/// language, the FFT answer and what they wrote. Reports count them and suppress groups under five.
/// </summary>
public sealed class FeedbackAnswer
{
    private FeedbackAnswer()
    {
    }

    public Guid Id { get; private set; }

    public string Occasion { get; private set; } = "";

    /// <summary>The first day of the month it was given in.</summary>
    public DateOnly Month { get; private set; }

    /// <summary><see cref="FriendsAndFamilyTest.Answers"/>.</summary>
    public string Rating { get; private set; } = "";

    public string? WentWell { get; private set; }

    public string? CouldBeBetter { get; private set; }

    public string Language { get; private set; } = "en";

    internal static FeedbackAnswer Given(string occasion, string rating, string? wentWell, string? couldBeBetter, string language, DateTimeOffset now) => new()
    {
        // A random id, not a time-ordered one: the order of answers must not lead back to who gave them.
        Id = Guid.NewGuid(),
        Occasion = occasion,
        Month = new DateOnly(now.Year, now.Month, 1),
        Rating = FriendsAndFamilyTest.Answers.Contains(rating) ? rating : throw new ArgumentOutOfRangeException(nameof(rating)),
        WentWell = wentWell,
        CouldBeBetter = couldBeBetter,
        Language = language,
    };
}
