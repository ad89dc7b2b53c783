namespace SocialPrescribing.ServiceDirectory.Pages;

/// <summary>Previous and next links under a list, when it runs to more than one page.</summary>
public sealed record PagerView(int Current, int Total, Func<int, string> Link, string Label);
