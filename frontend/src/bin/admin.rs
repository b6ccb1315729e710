fn main() {
    hailong_frontend::admin::mount();
}
