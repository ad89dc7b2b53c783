using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Features.Diary;

/// <summary>
/// The diary as an iCalendar feed (RFC 5545) at a per-user secret address, for Outlook and phones: each meeting's time,
/// place or mode and case reference — no name, need or note. Moved meetings carry a new sequence; cancelled ones are
/// marked cancelled, so calendars update rather than duplicate.
/// </summary>
public static class DiaryFeed
{
    public const string Path = "/calendar";

    /// <summary>Meetings from 30 days back to 180 ahead.</summary>
    private static readonly (int Back, int Ahead) Window = (30, 180);

    public static IEndpointRouteBuilder MapDiaryFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{token}", FeedAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>A new secret address for <paramref name="userId"/> (the old one stops working); returns the secret, shown once.</summary>
    public static async Task<string> ResetAsync(CaseDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = await db.DiaryFeedKeys.SingleOrDefaultAsync(k => k.UserId == userId, cancellationToken);
        if (key is null)
        {
            db.DiaryFeedKeys.Add(key = new DiaryFeedKey { UserId = userId });
        }

        key.TokenHash = Hash(token);
        key.CreatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public static async Task<IResult> FeedAsync(string token, CaseDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var hash = Hash(token.EndsWith(".ics", StringComparison.Ordinal) ? token[..^4] : token);
        var key = await db.DiaryFeedKeys.AsNoTracking().SingleOrDefaultAsync(k => k.TokenHash == hash, cancellationToken);
        if (key is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such calendar",
                detail: "This calendar address is not known, or was reset. Copy the new address from your diary.");
        }

        var now = time.GetUtcNow();
        var meetings = await DiaryMeetings.ForAsync(db.Cases, key.UserId, now.AddDays(-Window.Back), now.AddDays(Window.Ahead), cancellationToken);
        return Results.Text(Calendar(meetings, now), "text/calendar; charset=utf-8");
    }

    /// <summary>The meetings as an iCalendar document.</summary>
    public static string Calendar(IEnumerable<DiaryMeeting> meetings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var ics = new StringBuilder();
        void Line(string text) => ics.Append(text).Append("\r\n");
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//SocialPrescribing//Diary//EN");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:Social prescribing meetings");
        foreach (var meeting in meetings)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{meeting.MeetingId}@socialprescribing");
            Line($"DTSTAMP:{Utc(meeting.ChangedAt ?? now)}");
            Line($"DTSTART:{Utc(meeting.StartsAt)}");
            Line($"DTEND:{Utc(meeting.EndsAt)}");
            // Only the case reference: calendars are synced to devices and shared more widely than the case record.
            Line($"SUMMARY:{Escape($"Social prescribing meeting {meeting.Reference}")}");
            Line($"LOCATION:{Escape(Where(meeting))}");
            Line($"SEQUENCE:{(meeting.ChangedAt is { } changed ? changed.ToUnixTimeSeconds() % 1_000_000 : 0)}");
            Line($"STATUS:{(meeting.Cancelled ? "CANCELLED" : "CONFIRMED")}");
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return ics.ToString();
    }

    public static string Where(DiaryMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.Mode switch
        {
            "phone" => "Phone call",
            "video" => "Video call",
            _ => string.IsNullOrWhiteSpace(meeting.Place) ? "Face to face" : meeting.Place,
        };
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
