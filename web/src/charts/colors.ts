// The app's palette for charts: poor, near-poor, both, neutral.
export const COLORS = { poor: "#b4232a", nearPoor: "#e8902b", both: "#5b4a8b", neutral: "#3d6f8e" };
