// placeholder replaced below
export async function checkExamples() {}
