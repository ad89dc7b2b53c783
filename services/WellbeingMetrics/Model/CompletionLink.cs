using System.Security.Cryptography;
using System.Text;

namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>
/// A one-time link a link worker sends so the person can complete a questionnaire online, without an
/// account. Only a hash of its token is kept; it expires after <see cref="Lifetime"/> and works once.
/// </summary>
public sealed class CompletionLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; private set; }

    /// <summary>SHA-256 of the token: a copy of the database does not give working links.</summary>
    public byte[] TokenHash { get; private set; } = [];

    public Guid CaseId { get; private set; }

    public string InstrumentId { get; private set; } = "";

    /// <summary><c>baseline</c>, <c>followup</c> (numbered when completed) or <c>final</c>.</summary>
    public string Timepoint { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public Guid? AssessmentId { get; private set; }

    private CompletionLink()
    {
    }

    /// <summary>A new link and its token (shown once, to put in the message to the person).</summary>
    public static (CompletionLink Link, string Token) Create(Guid caseId, string instrumentId, string timepoint, string createdBy, DateTimeOffset now)
    {
        var token = NewToken();
        var link = new CompletionLink
        {
            Id = Guid.CreateVersion7(now),
            TokenHash = Hash(token),
            CaseId = caseId,
            InstrumentId = instrumentId,
            Timepoint = timepoint,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (link, token);
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>A new secret for a one-time link: 256 random bits, URL-safe base64 (also the feedback links').</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether the link can still be used at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Use(Guid assessmentId, DateTimeOffset now)
    {
        if (!IsOpen(now))
        {
            throw new InvalidOperationException("This link has been used or has expired.");
        }

        UsedAt = now;
        AssessmentId = assessmentId;
    }
}
