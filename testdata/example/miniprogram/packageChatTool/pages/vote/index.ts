Page({
  data: { options: [] as string[] },
})
