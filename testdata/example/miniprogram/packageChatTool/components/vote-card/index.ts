Component({
  properties: { title: String },
})
