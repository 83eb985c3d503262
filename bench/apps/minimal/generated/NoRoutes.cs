// The build without the 1,000-route table (bench/tools/gen_routes.py writes MinimalRoutes1000.cs beside this).
internal static class GeneratedRoutes
{
    public static void Map(WebApplication app)
    {
    }
}
