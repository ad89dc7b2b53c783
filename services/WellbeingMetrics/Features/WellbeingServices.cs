using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.Features;

/// <summary>What the use cases use from the container and the request.</summary>
public sealed record WellbeingServices(WellbeingDbContext Db, TimeProvider Time, HttpContext Http);
