using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.WellbeingMetrics.Features.ReportOutcomes;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.ReportFeedback;

/// <summary>
/// One occasion's feedback (or <c>all</c>) in the period: how many answered and, when at least five did, how many gave
/// each Friends and Family Test answer and the share positive (very good or good, of those who did not say don't know).
/// Under five: suppressed, no figures and no quotes, so nobody can be recognised.
/// </summary>
public sealed record FeedbackRow(string Occasion, bool Suppressed, int? Answered, IReadOnlyDictionary<string, int>? Ratings, decimal? PercentPositive);

/// <summary>What people wrote, with only the occasion and month beside it (from groups of five or more).</summary>
public sealed record FeedbackQuote(string Occasion, string Month, string Rating, string? WentWell, string? CouldBeBetter);

public sealed record FeedbackReport(DateOnly From, DateOnly To, int SuppressedBelow, IReadOnlyList<FeedbackRow> Rows, IReadOnlyList<FeedbackQuote> Quotes);

/// <summary>The person's feedback for managers: counts and quotes, anonymous, small groups suppressed.</summary>
public static class FeedbackReports
{
    public const string All = "all";

    /// <summary>The most quotes shown, newest months first.</summary>
    public const int MaxQuotes = 200;

    public static IEndpointRouteBuilder MapFeedbackReport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wellbeing/reports/feedback", GetAsync).WithTags("Reports").WithName("GetFeedbackReport")
            .WithSummary("The people's feedback (Friends and Family Test and their own words): counts per answer and quotes, anonymous")
            .WithDescription("from, to (YYYY-MM-DD, by the month answered; default the last 12 months). Occasions (case closed, service finished) with fewer than 5 answers are suppressed, their quotes too.")
            .Produces<FeedbackReport>().ProducesValidationProblem()
            .RequireAuthorization(AccessPolicies.ReportReader)
            .ReturnsRecords(RecordScope.None);
        return app;
    }

    public static async Task<Results<Ok<FeedbackReport>, ValidationProblem>> GetAsync(
        HttpRequest request, WellbeingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, errors) = ReportQuery.Read(request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return query is null
            ? TypedResults.ValidationProblem(errors, title: "The report query has mistakes")
            : TypedResults.Ok(await BuildAsync(db, query.From, query.To, cancellationToken));
    }

    public static async Task<FeedbackReport> BuildAsync(WellbeingDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var firstMonth = new DateOnly(from.Year, from.Month, 1);
        var counts = await db.FeedbackAnswers.AsNoTracking()
            .Where(a => a.Month >= firstMonth && a.Month <= to)
            .GroupBy(a => new { a.Occasion, a.Rating })
            .Select(g => new { g.Key.Occasion, g.Key.Rating, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var rows = FeedbackOccasions.All.Select(o => Row(o, counts.Where(c => c.Occasion == o).ToDictionary(c => c.Rating, c => c.Count))).ToList();
        // The total less a shown occasion would give away a suppressed one: then the total is suppressed too.
        var hidden = FeedbackOccasions.All.Any(o => counts.Where(c => c.Occasion == o).Sum(c => c.Count) is > 0 and var n && ReportStatistics.Suppress(n));
        var total = Row(All, counts.GroupBy(c => c.Rating).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)));
        rows.Add(hidden && rows.Any(r => !r.Suppressed) ? new FeedbackRow(All, true, null, null, null) : total);
        var shown = rows.Where(r => !r.Suppressed && r.Occasion != All).Select(r => r.Occasion).ToList();
        var quotes = await db.FeedbackAnswers.AsNoTracking()
            .Where(a => a.Month >= firstMonth && a.Month <= to && shown.Contains(a.Occasion) && (a.WentWell != null || a.CouldBeBetter != null))
            .OrderByDescending(a => a.Month).ThenBy(a => a.Id)
            .Take(MaxQuotes)
            .Select(a => new { a.Occasion, a.Month, a.Rating, a.WentWell, a.CouldBeBetter })
            .ToListAsync(cancellationToken);
        return new FeedbackReport(from, to, ReportGroups.SuppressBelow, rows,
            [.. quotes.Select(q => new FeedbackQuote(q.Occasion, q.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), q.Rating, q.WentWell, q.CouldBeBetter))]);
    }

    private static FeedbackRow Row(string occasion, Dictionary<string, int> ratings)
    {
        var answered = ratings.Values.Sum();
        if (ReportStatistics.Suppress(answered))
        {
            return new FeedbackRow(occasion, true, null, null, null);
        }

        var rated = answered - ratings.GetValueOrDefault(FriendsAndFamilyTest.DontKnow);
        var positive = FriendsAndFamilyTest.Answers.Where(FriendsAndFamilyTest.IsPositive).Sum(ratings.GetValueOrDefault);
        return new FeedbackRow(occasion, false, answered, FriendsAndFamilyTest.Answers.ToDictionary(a => a, ratings.GetValueOrDefault),
            rated == 0 ? null : Math.Round(100m * positive / rated, 1));
    }
}
