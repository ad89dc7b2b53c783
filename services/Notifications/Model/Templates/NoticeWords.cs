using System.Globalization;

namespace SocialPrescribing.Notifications.Model.Templates;

/// <summary>
/// The values put into a message to the person, in their language: dates ("dydd Mawrth 8 Rhagfyr am 10:00"), where a
/// meeting is, and links that open our pages in that language.
/// </summary>
public static class NoticeWords
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Welsh = CultureInfo.GetCultureInfo("cy");

    private static bool IsWelsh(string language) => language == NoticeTemplates.Welsh;

    /// <summary>A meeting's day and time.</summary>
    public static string When(DateTimeOffset local, string language) =>
        IsWelsh(language) ? local.ToString("dddd d MMMM 'am' HH:mm", Welsh) : local.ToString("dddd d MMMM 'at' HH:mm", English);

    /// <summary>A day, like a link's last day.</summary>
    public static string Day(DateTimeOffset local, string language) => local.ToString("dddd d MMMM", IsWelsh(language) ? Welsh : English);

    /// <summary>Where (or how) a meeting is.</summary>
    public static string Where(string mode, string? place, string language) => (mode, IsWelsh(language)) switch
    {
        ("phone", false) => "by phone: your link worker will call you",
        ("phone", true) => "dros y ffôn: bydd eich gweithiwr cyswllt yn eich ffonio",
        ("video", false) => "by video call: your link worker will send you the link",
        ("video", true) => "ar alwad fideo: bydd eich gweithiwr cyswllt yn anfon y ddolen atoch",
        _ when !string.IsNullOrWhiteSpace(place) => place,
        (_, false) => "face to face: your link worker will tell you where",
        (_, true) => "wyneb yn wyneb: bydd eich gweithiwr cyswllt yn dweud wrthych ble",
    };

    /// <summary>A link to one of our public pages, opening it in the person's language.</summary>
    public static string Link(string url, string language) =>
        IsWelsh(language) ? url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=cy" : url;
}
