namespace SocialPrescribing.CaseManagement.Model;

/// <summary>Something for the link worker to do on a case, with when it is due.</summary>
public sealed class CaseTask
{
    /// <summary>Check in with the person about a service they chose themselves in the directory.</summary>
    public const string CheckIn = "check-in";

    /// <summary>Working days a check-in may wait.</summary>
    public const int CheckInDays = 2;

    private CaseTask()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The directory service the task is about, if any.</summary>
    public Guid? ServiceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset DueBy { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    internal static CaseTask CheckInAbout(Guid serviceId, string reference, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = CheckIn,
        Description = $"The person chose a service in the directory when they referred themselves ({reference}): check in with them about it.",
        ServiceId = serviceId,
        CreatedAt = now,
        DueBy = AddWorkingDays(now, CheckInDays),
    };

    /// <summary><paramref name="days"/> working days (Monday to Friday) after <paramref name="from"/>.</summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        var due = from;
        while (days > 0)
        {
            due = due.AddDays(1);
            if (due.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return due;
    }
}
