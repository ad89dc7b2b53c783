using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.GiveFeedback;

/// <summary>What a person sent on the feedback page: the FFT answer and their own words (either may be empty).</summary>
public sealed record FeedbackGiven(string? Rating, string? WentWell, string? CouldBeBetter, string Language);

/// <summary>Asking the person for feedback through a one-time link, and taking their answer, anonymously.</summary>
public static class FeedbackLinks
{
    /// <summary>Where the person answers: <c>/wellbeing/feedback/{token}</c>.</summary>
    public const string FeedbackPath = "/wellbeing/feedback/";

    public enum State
    {
        Open,
        Unknown,
        Used,
        Expired,
    }

    /// <summary>
    /// Makes a link for the occasion (once: a redelivered event or a second completion of the same referral asks nothing
    /// more) and has the Notifications service send it to the person the way they chose, in the same commit.
    /// </summary>
    public static async Task OfferAsync(
        WellbeingDbContext db, PublicBaseUrl publicUrl, Guid caseId, string occasion, Guid sourceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(publicUrl);
        if (await db.FeedbackLinks.AnyAsync(l => l.Occasion == occasion && l.SourceId == sourceId, cancellationToken))
        {
            return;
        }

        var (link, token) = FeedbackLink.Create(caseId, occasion, sourceId, now);
        db.FeedbackLinks.Add(link);
        db.AddIntegrationEvent(new FeedbackLinkDue(Guid.CreateVersion7(now), now, link.Id, caseId, publicUrl.Link(FeedbackPath + token), link.ExpiresAt), caseId.ToString());
    }

    public static async Task<(State State, FeedbackLink? Link)> OpenAsync(WellbeingDbContext db, string? token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return (State.Unknown, null);
        }

        var hash = FeedbackLink.Hash(token);
        var link = await db.FeedbackLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link switch
        {
            null => (State.Unknown, null),
            { UsedAt: not null } => (State.Used, link),
            _ when !link.IsOpen(now) => (State.Expired, link),
            _ => (State.Open, link),
        };
    }

    /// <summary>
    /// The mistakes in what was sent, by field (<c>rating</c>, <c>went-well</c>, <c>could-be-better</c>): the FFT answer
    /// must be one of its six, and each answer in words at most <see cref="FriendsAndFamilyTest.MaxWords"/> characters.
    /// Keys of messages in <c>FeedbackText</c>.
    /// </summary>
    public static List<(string Field, string MessageKey)> Check(FeedbackGiven given)
    {
        ArgumentNullException.ThrowIfNull(given);
        List<(string, string)> errors = [];
        if (given.Rating is null || !FriendsAndFamilyTest.Answers.Contains(given.Rating))
        {
            errors.Add(("rating", "Error.Rating"));
        }

        if (given.WentWell?.Length > FriendsAndFamilyTest.MaxWords)
        {
            errors.Add(("went-well", "Error.TooLong"));
        }

        if (given.CouldBeBetter?.Length > FriendsAndFamilyTest.MaxWords)
        {
            errors.Add(("could-be-better", "Error.TooLong"));
        }

        return errors;
    }

    /// <summary>Stores the answer, anonymous, and closes the link, in one commit; false when the link was used meanwhile.</summary>
    public static async Task<bool> AnswerAsync(WellbeingDbContext db, FeedbackLink link, FeedbackGiven given, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(given);
        db.FeedbackAnswers.Add(link.Answer(given.Rating!, Words(given.WentWell), Words(given.CouldBeBetter), given.Language, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static string? Words(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
