using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.WellbeingMetrics.Features.ReportFeedback;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Pages;

/// <summary>The people's feedback for managers: the same figures as <c>GET /api/wellbeing/reports/feedback</c>, counts and quotes.</summary>
public sealed class FeedbackReportModel(WellbeingDbContext db, TimeProvider time, IAuthorizationService authorization) : ReportPageModel(time, authorization)
{
    public FeedbackReport? Report { get; private set; }

    public static string OccasionLabel(string occasion) => occasion switch
    {
        FeedbackOccasions.CaseClosed => "When their case closed",
        FeedbackOccasions.ServiceFinished => "When a service they were referred to finished",
        _ => "Everyone",
    };

    public static string RatingLabel(string rating) => FeedbackText.Get($"Rating.{rating}");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ReadQueryAsync() is { } query)
        {
            Report = await FeedbackReports.BuildAsync(db, query.From, query.To, cancellationToken);
        }

        return Page();
    }
}
